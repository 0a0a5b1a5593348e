// Parallel per test method, four at a time: twice the cores of the 2-core machine the suite is
// measured on. Many integration tests wait on real time (a gateway's time-out, a killed instance's
// lease, Redis), and at one test per core such a wait left a core idle: 1.62 of 2 cores busy and
// 87 s for the project, against 1.84 and 74 s at four, 1.87 and 70 s at six (docs/performance.md).
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.MethodLevel)]
