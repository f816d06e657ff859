return await RumOperator.Cli.RootCommandFactory.RunAsync(args);
