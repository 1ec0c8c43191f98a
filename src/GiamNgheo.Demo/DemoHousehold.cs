namespace GiamNgheo.Demo;

/// A synthetic household with its current state (the state of the last simulated review year).
internal sealed class DemoHousehold
{
    public required string Code { get; init; }
    public required ulong Seed { get; init; }
    public int Commune { get; set; }
    public int Hamlet { get; set; }
    public List<DemoPerson> Members { get; } = [];
    public DemoPerson Head { get; set; } = null!;
    public bool Alive { get; set; } = true;
    public string Phone { get; set; } = "";
    public string Address { get; set; } = "";

    /// Log of (income per person per month / poverty line), permanent part; grows each year.
    public double Level { get; set; }
    /// Transitory income component, AR(1), standard normal.
    public double Eps { get; set; }
    /// Household living-standard factor shared by the housing facts (correlates the deprivations).
    public double Standard { get; set; }

    public double UDurable { get; set; }
    public double UWater { get; set; }
    public double ULatrine { get; set; }
    public double UTelecom { get; set; }
    public double UInfo { get; set; }
    public double UPattern { get; set; }
    public double UWaterType { get; set; }
    public double ULatrineType { get; set; }
    public double UTv { get; set; }
    public double UPhone { get; set; }
    public double UComputer { get; set; }
    public double URadio { get; set; }
    public double ULoudspeaker { get; set; }
    public double UUninsured { get; set; }

    public bool NonDurable { get; set; }
    public bool UncleanWater { get; set; }
    public bool UnhygienicLatrine { get; set; }
    public bool NoTelecom { get; set; }
    public bool NoInfo { get; set; }
    public int AreaM2 { get; set; }
}
