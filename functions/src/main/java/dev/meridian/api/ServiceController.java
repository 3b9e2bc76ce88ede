package dev.meridian.api;

import dev.meridian.api.auth.Caller;
import dev.meridian.api.dto.Problem;
import dev.meridian.api.dto.ServiceConfigRequest;
import dev.meridian.api.dto.ServiceConfigResponse;
import dev.meridian.api.dto.ServiceList;
import dev.meridian.api.json.StrictJson;
import dev.meridian.api.problem.ETags;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.core.model.ServiceConfig;
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
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Service configuration: {@code /v1/services/{service}}. */
@Controller("/v1/services")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
    responseCode = "default",
    description = "An RFC 7807 problem: see docs/api.md for the types",
    content =
        @Content(
            mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
@Tag(name = "services")
public class ServiceController {
  private final RegistryService registry;
  private final StrictJson json;

  public ServiceController(RegistryService registry, StrictJson json) {
    this.registry = registry;
    this.json = json;
  }

  @Get
  @Operation(summary = "List the configured services")
  public ServiceList listServices() {
    return new ServiceList(
        registry.listServices().stream().map(ApiMapper::toServiceResponse).toList());
  }

  @Put("/{service}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create or replace a service's configuration",
      description =
          "Absent fields take the documented defaults. With If-Match the stored version must"
              + " match (412 otherwise); 201 when created, 200 when replaced.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ServiceConfigRequest.class)))
  public HttpResponse<ServiceConfigResponse> putService(
      String service,
      @Body @Nullable String body,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
      HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    ServiceConfigRequest req = json.read(body, ServiceConfigRequest.class, true);
    ServiceConfig config = ApiMapper.toConfig(name, req);
    RegistryService.Saved<ServiceConfig> saved =
        registry.putService(config, ETags.parseIfMatch(ifMatch), Caller.of(request).identity());
    return HttpResponse.<ServiceConfigResponse>status(
            saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .header(HttpHeaders.ETAG, ETags.of(saved.stored().version()))
        .body(ApiMapper.toServiceResponse(saved.stored()));
  }

  @Get("/{service}")
  @Operation(summary = "Read a service's configuration")
  public HttpResponse<ServiceConfigResponse> getService(String service) {
    var stored = registry.getService(ServiceName.of(service));
    return HttpResponse.ok(ApiMapper.toServiceResponse(stored))
        .header(HttpHeaders.ETAG, ETags.of(stored.version()));
  }

  @Delete("/{service}")
  @Operation(
      summary = "Delete a service",
      description = "Refused (409) while endpoints are registered unless force=true.")
  public HttpResponse<Void> deleteService(
      String service,
      @QueryValue @Nullable String force,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
      HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    boolean f = RequestParams.flag("force", force);
    registry.deleteService(name, f, ETags.parseIfMatch(ifMatch), Caller.of(request).identity());
    return HttpResponse.noContent();
  }
}
