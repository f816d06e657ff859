using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RumCollector.Bench;

/// <summary>
/// In-process runs (no generated project to restore on a machine with only a NuGet mirror) with the
/// memory diagnoser, so Allocated is reported; OperationsPerInvoke makes both figures per event.
/// </summary>
public static class HotPathConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.JoinSummary);
}
