using SmeAi.Cli;

return await SmeAiCommandLine.RunAsync(args, Console.Out, Console.Error);
