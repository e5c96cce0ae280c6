// SPDX-License-Identifier: GPL-3.0-or-later

public import RealModule

/// A binary floating-point type with the elementary functions of RealModule.
///
/// The reference kernels are generic over this protocol so that a `Float` result can be checked
/// against a `Double` one. Kernels whose accuracy needs more than the precision of `Scalar`
/// compute in `Double` (or in double-double internally) and round once to `Scalar` at the end.
public protocol ReferenceScalar: Real, BinaryFloatingPoint, Sendable {}

extension Float: ReferenceScalar {}
extension Double: ReferenceScalar {}
