using RumOperator.Bench;

// dotnet run -c Release --project bench/operator -- [pipelines=100] [slos=1000] [namespaces=10] [resyncSeconds=20]
// Internally the program starts itself as "serve <examples> <pipelines> <slos> <namespaces>": the fake API server.
if (args.Length > 0 && args[0] == "serve")
    return await ServeMode.RunAsync(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i]) : fallback;
return await OperatorMode.RunAsync(Seed.ExamplesDirectory(), Arg(0, 100), Arg(1, 1000), Arg(2, 10), TimeSpan.FromSeconds(Arg(3, 20)));
