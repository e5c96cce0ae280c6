import ArgumentParser
import Testing

@testable import crosscheck

@Suite("Help text of the HiPPO vectors")
struct HiPPOVectorsHelpTextTests {
  @Test("vectors hippo gives its outputs, limits and an example")
  func hippo() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.HiPPOCommand.self, columns: 80) == #"""
        OVERVIEW: HiPPO transition matrix A and input vector B of x' = A x + B u.

        Outputs: A (N x N, the code's sign: the paper's matrix is -A) and B (N
        entries). LegS's system is x' = (A x + B u) / t. legt is state-spaces/s4's
        normalisation at the default window 2; hippo-code's legt is --window 1, exactly
        twice it. Tolerances: 4 u |value| per entry (u = 2^-53). In CSV the set is long
        (output,row,column,value).

        Limits: N is a whole number from 1 to 4096; the window is positive and finite
        (used by legt and lmu only).

        Example:
          crosscheck vectors hippo --measure legs --size 4

        USAGE: crosscheck vectors hippo --measure <measure> --size <size> [--window <window>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --measure <measure>     The measure: legs, legt, lmu, lagt or fourier.
                                  (values: legs, legt, lmu, lagt, fourier)
          --size <size>           The state size N (1 to 4096).
          --window <window>       The window theta of legt and lmu (positive).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors hippo-discrete gives its outputs, limits and an example")
  func hippoDiscrete() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.HiPPODiscreteCommand.self, columns: 80) == #"""
        OVERVIEW: Discretised HiPPO matrices Ad and Bd of x(k+1) = Ad x(k) + Bd u(k).

        Outputs: Ad (N x N) and Bd (N entries) for the step dt. gbt is (I - alpha dt
        A)^-1 (I + (1 - alpha) dt A) and (I - alpha dt A)^-1 dt B; forward-euler,
        backward-euler and bilinear are alpha 0, 1 and 1/2; zoh is exp(dt A) and A^-1
        (exp(dt A) - I) B, both taken from the exponential of dt [[A, B], [0, 0]].
        Tolerances: 16 N (1 + dt |A|_inf) u times the largest magnitude of each output.

        Limits: N from 1 to 4096; the step and window are positive and finite; alpha is
        in [0, 1] (gbt only, default 1/2).

        Example:
          crosscheck vectors hippo-discrete --measure legt --size 4 --step 0.1 \
            --method bilinear

        USAGE: crosscheck vectors hippo-discrete --measure <measure> --size <size> --step <step> --method <method> [--alpha <alpha>] [--window <window>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --measure <measure>     The measure: legs, legt, lmu, lagt or fourier.
                                  (values: legs, legt, lmu, lagt, fourier)
          --size <size>           The state size N (1 to 4096).
          --step <step>           The step dt (positive).
          --method <method>       forward-euler, backward-euler, bilinear, zoh or gbt.
                                  (values: forward-euler, backward-euler, bilinear,
                                  zoh, gbt)
          --alpha <alpha>         The gbt alpha, in [0, 1].
          --window <window>       The window theta of legt and lmu (positive).
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }

  @Test("vectors hippo-legs gives its outputs, limits and an example")
  func hippoLegS() {
    #expect(
      Crosscheck.helpMessage(for: Crosscheck.Vectors.HiPPOLegSCommand.self, columns: 80) == #"""
        OVERVIEW: States of the scaled HiPPO-LegS recurrence, one row per sample.

        Outputs: states, an L x N matrix: row k is the state after sample k. The step
        at time t uses A / t and B / t with a unit step; zero-state starts from 0 and
        takes sample k at t = k + 1, first-sample sets the state to f(0) e(0) and takes
        sample k at t = k. bilinear, euler and backward-euler run in O(N) per step; zoh
        (exact in log time) forms an exponential per step. Tolerances: 16 N L u times
        the largest state magnitude (at least 1); euler is unstable once N > 2t, and
        its bound holds only while the states stay bounded.

        Limits: N from 1 to 4096; the signal is a JSON array of finite numbers.

        Example:
          crosscheck vectors hippo-legs --size 4 --signal '[1,-0.5,0.25,2,0,-1]'

        USAGE: crosscheck vectors hippo-legs --size <size> --signal <json> [--method <method>] [--first-step <first-step>] [--format <format>] [--specs-dir <dir>]

        OPTIONS:
          --size <size>           The state size N (1 to 4096).
          --signal <json>         The samples as JSON, e.g. [1,-0.5,2].
          --method <method>       bilinear, euler, backward-euler or zoh. (values:
                                  bilinear, euler, backward-euler, zoh; default:
                                  bilinear)
          --first-step <first-step>
                                  zero-state or first-sample. (values: zero-state,
                                  first-sample; default: zero-state)
          --format <format>       Output format: json or csv. (values: json, csv;
                                  default: json)
          --specs-dir <dir>       The folder of specs whose claims verify these kernels
                                  (for provenance); default: the Specs folder of the
                                  checkout that built crosscheck.
          --version               Show the version.
          -h, --help              Show help information.

        """#)
  }
}
