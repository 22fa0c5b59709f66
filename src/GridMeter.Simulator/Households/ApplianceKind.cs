namespace GridMeter.Simulator.Households;

public enum ApplianceKind
{
    /// <summary>Always-on standby (router, boiler electronics) plus small loads while people are awake.</summary>
    BaseLoad,
    Fridge,
    Freezer,

    /// <summary>Hob, oven, kettle and toaster.</summary>
    Cooking,
    WashingMachine,
    Dishwasher,
    Lighting,
    Television,
    Computer,
    HeatPump,
    EvCharger,

    /// <summary>Generation: its power is subtracted from the household's consumption.</summary>
    PvInverter,
}
