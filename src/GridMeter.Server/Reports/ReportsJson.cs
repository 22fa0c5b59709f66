using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Reports;

[JsonSerializable(typeof(ReportRequest))]
[JsonSerializable(typeof(ReportSummary))]
[JsonSerializable(typeof(ReportList))]
[JsonSerializable(typeof(ScheduleRequest))]
[JsonSerializable(typeof(ScheduleResponse))]
[JsonSerializable(typeof(ScheduleList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ReportsJson : JsonSerializerContext;
