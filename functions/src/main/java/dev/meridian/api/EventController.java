package dev.meridian.api;

import dev.meridian.api.dto.EventPage;
import dev.meridian.api.dto.Problem;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log: {@code GET /v1/services/{service}/events?limit=&cursor=}. */
@Controller("/v1/services/{service}/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
    responseCode = "default",
    description = "An RFC 7807 problem: see docs/api.md for the types",
    content =
        @Content(
            mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
@Tag(name = "status")
public class EventController {
  private final RegistryService registry;
  private final ApiConfiguration config;

  public EventController(RegistryService registry, ApiConfiguration config) {
    this.registry = registry;
    this.config = config;
  }

  @Get
  @Operation(
      summary = "Read the audit log, newest first",
      description = "limit 1..maxPageSize (default 50); pass the previous page's next as cursor.")
  public EventPage listEvents(
      String service, @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor) {
    ServiceName name = ServiceName.of(service);
    int n =
        RequestParams.integer(
            "limit", limit, ApiConfiguration.DEFAULT_PAGE_SIZE, 1, config.maxPageSize());
    Page<AuditEvent> page = registry.events(name, RequestParams.cursor("cursor", cursor), n);
    return new EventPage(
        page.items().stream().map(ApiMapper::toResponse).toList(), page.next().orElse(null));
  }
}
