/// Every check Crosscheck has, for the standard verifier.
enum CheckRegistry {
  static let all: [Check] =
    PoissonTableChecks.all + ExponentialTableChecks.all + PoissonPropertyChecks.all
    + ExponentialPropertyChecks.all + ArrivalChecks.all + FigureChecks.all
    + RandomWalkTableChecks.all + RandomWalkPropertyChecks.all + RandomWalkStatisticalChecks.all
    + QuadraticChecks.all + GradientChecks.all
}
