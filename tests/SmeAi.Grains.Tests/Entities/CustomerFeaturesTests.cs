using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

public sealed class CustomerFeaturesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Falling_logins_show_as_a_trend_below_one_and_friction_is_counted()
    {
        var state = new CustomerState();
        for (var day = 0; day < 21; day++)
        {
            CustomerFeatures.Apply(state, Event("login", Start.AddDays(day)));
        }

        CustomerFeatures.Apply(state, Event("payment_failed", Start.AddDays(22)));
        CustomerFeatures.Apply(state, Event("complaint", Start.AddDays(23)));
        var row = CustomerFeatures.Row(state, Start.AddDays(27));

        Assert.Equal(0, Value(row, "logins_7d"));
        Assert.True(Value(row, "login_trend") < 0.3f);
        Assert.Equal((1, 1), (Value(row, "payment_failures_28d"), Value(row, "complaints_28d")));
        Assert.InRange(Value(row, "days_since_login"), 6.9f, 7.1f);
    }

    [Fact]
    public void Activity_older_than_the_window_is_forgotten_and_the_contract_is_kept()
    {
        var state = new CustomerState();
        CustomerFeatures.Apply(state, Event("purchase", Start, amount: 50, contract: "month-to-month"));
        CustomerFeatures.Apply(state, Event("purchase", Start.AddDays(40), amount: 10));

        var row = CustomerFeatures.Row(state, Start.AddDays(40));

        Assert.Equal((1, 10), (Value(row, "purchases_28d"), Value(row, "amount_28d")));
        Assert.Equal(1, Value(row, "month_to_month"));
        Assert.InRange(Value(row, "tenure_days"), 39.9f, 40.1f);
    }

    [Fact]
    public void An_event_dated_years_ahead_leaves_the_real_days_and_their_features_alone()
    {
        var state = new CustomerState();
        for (var day = 0; day < 7; day++)
        {
            CustomerFeatures.Apply(state, Event("login", Start.AddDays(day)));
            CustomerFeatures.Apply(state, Event("purchase", Start.AddDays(day), amount: 5));
        }

        CustomerFeatures.Apply(state, Event("login", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        for (var day = 7; day < 11; day++)
        {
            CustomerFeatures.Apply(state, Event("login", Start.AddDays(day)));
            CustomerFeatures.Apply(state, Event("purchase", Start.AddDays(day), amount: 5));
        }

        var row = CustomerFeatures.Row(state, Start.AddDays(12));

        Assert.Equal(5, Value(row, "logins_7d"));
        Assert.Equal((11, 55), (Value(row, "purchases_28d"), Value(row, "amount_28d")));
        // The recorded last login is the one ahead; the latest real one is found by its day, counted from the day's start.
        Assert.InRange(Value(row, "days_since_login"), 2f, 3f);
    }

    [Fact]
    public void Profile_attributes_of_a_profile_event_become_features_and_newer_values_replace_older_ones()
    {
        var withoutProfile = new CustomerState();
        CustomerFeatures.Apply(withoutProfile, Event("login", Start));
        var fibre = new CustomerState();
        CustomerFeatures.Apply(fibre, Event("login", Start));
        CustomerFeatures.Apply(fibre, Profile(Start, ("tenure", "2"), ("InternetService", "DSL"), ("TotalCharges", " ")));
        CustomerFeatures.Apply(fibre, Profile(Start.AddDays(1), ("InternetService", "Fiber optic")));
        var dsl = new CustomerState();
        CustomerFeatures.Apply(dsl, Event("login", Start));
        CustomerFeatures.Apply(dsl, Profile(Start, ("tenure", "2"), ("InternetService", "DSL")));

        float[] Block(CustomerState state) => CustomerFeatures.Row(state, Start.AddDays(1))[CustomerFeatures.BehaviourNames.Count..];

        Assert.Equal(CustomerFeatures.Names.Count, CustomerFeatures.Row(fibre, Start).Length);
        Assert.All(Block(withoutProfile), v => Assert.Equal(0f, v));
        Assert.Equal([1f, MathF.Log(3f)], Block(fibre).Where(v => v != 0).Order());
        Assert.NotEqual(Block(fibre), Block(dsl));
        Assert.Equal(Block(fibre).Where(v => v != 0).Order(), Block(dsl).Where(v => v != 0).Order());
        Assert.Equal("Fiber optic", fibre.Profile["InternetService"]);
    }

    [Fact]
    public void Attributes_of_other_events_do_not_change_the_profile()
    {
        var state = new CustomerState();
        CustomerFeatures.Apply(state, Event("purchase", Start, amount: 10, contract: "one-year"));

        Assert.Empty(state.Profile);
        Assert.Equal(0, Value(CustomerFeatures.Row(state, Start), "month_to_month"));
    }

    private static CustomerEvent Profile(DateTimeOffset ts, params (string Name, string Value)[] attributes) =>
        new("c-1", ts, "profile", null, attributes.ToDictionary(a => a.Name, a => a.Value));

    private static float Value(float[] row, string name) => row[CustomerFeatures.Names.ToList().IndexOf(name)];

    private static CustomerEvent Event(string type, DateTimeOffset ts, double? amount = null, string? contract = null) =>
        new("c-1", ts, type, amount, contract is null ? null : new Dictionary<string, string> { ["contract"] = contract });
}
