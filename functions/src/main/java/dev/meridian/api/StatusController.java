package dev.meridian.api;

import dev.meridian.api.dto.PlanPreviewResponse;
import dev.meridian.api.dto.Problem;
import dev.meridian.api.dto.StatusResponse;
import dev.meridian.app.planning.PlanningService;
import dev.meridian.app.status.StatusService;
import dev.meridian.core.model.ServiceName;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;

/** Read-only views: {@code GET /v1/services/{service}/status} and {@code …/plan}. */
@Controller("/v1/services/{service}")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
    responseCode = "default",
    description = "An RFC 7807 problem: see docs/api.md for the types",
    content =
        @Content(
            mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
@Tag(name = "status")
public class StatusController {
  private final StatusService status;
  private final PlanningService planning;
  private final Clock clock;

  public StatusController(StatusService status, PlanningService planning, Clock clock) {
    this.status = status;
    this.planning = planning;
    this.clock = clock;
  }

  @Get("/status")
  @Operation(
      summary = "Health per region, endpoint and vantage; weights; last publication and its age")
  public StatusResponse getStatus(String service) {
    return ApiMapper.toResponse(status.status(ServiceName.of(service)));
  }

  @Get("/plan")
  @Operation(
      summary = "What would be published now (dry run) and why",
      description = "The plan with explanations, the desired record sets and the DNS changes.")
  public PlanPreviewResponse getPlan(String service) {
    return ApiMapper.toResponse(
        planning.preview(ServiceName.of(service), List.of()), clock.instant());
  }
}
