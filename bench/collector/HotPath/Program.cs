using BenchmarkDotNet.Running;
using RumCollector.Bench;

// `dotnet run -c Release` runs every stage; BenchmarkDotNet arguments (--filter, --job short) pass through.
BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args, HotPathConfig.Create());
