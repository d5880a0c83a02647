import CNNIR

/// The depthwise-row plan's part of the epilogue (`ConvKernelPlan.DepthwiseRows`).
extension TiledConvEmitter {
    /// A whole output row's epilogue `steps` as vectors (where `plan.rowEpilogueVectors`), else nil. The
    /// row's last vector runs past its end into the rows after it, which this task stores later
    /// (a plane's chunks run in order on one thread, each in row order); so it is used while
    /// that vector ends within the plane, and the plane's last rows keep the `scalar` loop. The
    /// scalar loop on rows of 14 was 40% of a depthwise conv's time (576 channels on 14x14:
    /// 0.048 -> 0.030 ms; MobileNetV2 4.19 -> 4.00 ms on 1 thread).
    static func wholeRowVectors(_ plan: PositionTileKernel, _ steps: [EpilogueStep], indexAt: (CExpr) -> CExpr, scalar: CStmt) -> CStmt? {
        guard let vectors = plan.rowEpilogueVectors else { return nil }
        let t = plan.tiling
        let vtype = CType.vector(t.lanes)
        let body: [CStmt] = (0..<vectors).map { k in
            let column = k * t.lanes
            let vectorSteps = vectorEpilogueStatements(steps, value: .v("v"), operandIndex: indexAt(.int(column)), lanes: t.lanes)!
            return .block(
                [.local(vtype, "v", .loadVector(vtype, from: .v("wt") + .v("base") + .int(column)))] + vectorSteps
                    + [.assign(.vectorAt(vtype, .v("dst") + .int(column)), "=", .v("v"))])
        }
        return .ifThen(.v("oh") <= .int(plan.lastVectorRow(vectors: vectors)), body, else: [scalar])
    }
}
