package dev.meridian.api;

import dev.meridian.api.auth.Caller;
import dev.meridian.api.dto.DrillAbortRequest;
import dev.meridian.api.dto.DrillList;
import dev.meridian.api.dto.DrillRequest;
import dev.meridian.api.dto.DrillResponse;
import dev.meridian.api.dto.DrillResult;
import dev.meridian.api.dto.Problem;
import dev.meridian.api.json.StrictJson;
import dev.meridian.app.drill.DrillService;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.ServiceName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Failover drills: {@code /v1/services/{service}/drills}. */
@Controller("/v1/services/{service}/drills")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
    responseCode = "default",
    description = "An RFC 7807 problem: see docs/api.md for the types",
    content =
        @Content(
            mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
@Tag(name = "drills")
public class DrillController {
  private final DrillService drills;
  private final StrictJson json;

  public DrillController(DrillService drills, StrictJson json) {
    this.drills = drills;
    this.json = json;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start (or dry-run) a drill",
      description =
          "201 with the stored drill, the plan with the drill overlaid and the DNS changes; 200"
              + " for dryRun (nothing stored); 409 drill-refused with the reason when the guard"
              + " rails refuse it.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DrillRequest.class)))
  public HttpResponse<DrillResult> createDrill(
      String service, @Body @Nullable String body, HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    DrillRequest req = json.read(body, DrillRequest.class, false);
    DrillService.Created created =
        drills.create(ApiMapper.toDrillRequest(name, req), Caller.of(request).identity());
    DrillResult result = ApiMapper.toResponse(created);
    if (created.dryRun()) {
      return HttpResponse.ok(result);
    }
    return HttpResponse.<DrillResult>status(HttpStatus.CREATED)
        .header(
            HttpHeaders.LOCATION,
            "/v1/services/" + name + "/drills/" + created.drill().value().id())
        .body(result);
  }

  @Get
  @Operation(summary = "List the service's drills, newest first")
  public DrillList listDrills(String service) {
    return new DrillList(
        drills.list(ServiceName.of(service)).stream().map(ApiMapper::toResponse).toList());
  }

  @Get("/{id}")
  @Operation(summary = "Read one drill")
  public DrillResponse getDrill(String service, String id) {
    return ApiMapper.toResponse(drills.get(ServiceName.of(service), new DrillId(id)));
  }

  @Post("/{id}/abort")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Abort a PENDING or ACTIVE drill",
      description = "Optional body {\"reason\": \"…\"}; 409 when the drill is already finished.")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DrillAbortRequest.class)))
  public DrillResponse abortDrill(
      String service, String id, @Body @Nullable String body, HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    DrillId drillId = new DrillId(id);
    DrillAbortRequest req = json.read(body, DrillAbortRequest.class, true);
    if (req.reason() != null && req.reason().length() > 500) {
      throw new dev.meridian.core.model.InvalidValueException(
          "reason", req.reason(), "must be at most 500 chars");
    }
    return ApiMapper.toResponse(
        drills.abort(name, drillId, req.reason(), Caller.of(request).identity()));
  }
}
