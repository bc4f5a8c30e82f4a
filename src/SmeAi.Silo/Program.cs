using SmeAi.Silo.Hosting;

return await SiloProgram.RunAsync(args);
