// The web host: API and screens arrive with the web application issue. Until then it answers a
// health check against the same database settings as the command line.
using PostLoan.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
var database = DatabaseSettings.From(builder.Configuration["PostLoan:Database"] ?? Environment.GetEnvironmentVariable("POSTLOAN_DB"));
builder.Services.AddSingleton(database);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
