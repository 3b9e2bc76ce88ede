package dev.meridian.api;

import dev.meridian.api.auth.Caller;
import dev.meridian.api.dto.EndpointList;
import dev.meridian.api.dto.EndpointPatch;
import dev.meridian.api.dto.EndpointRequest;
import dev.meridian.api.dto.EndpointResponse;
import dev.meridian.api.dto.Problem;
import dev.meridian.api.json.StrictJson;
import dev.meridian.api.problem.ETags;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Endpoint registration: {@code /v1/services/{service}/endpoints}. */
@Controller("/v1/services/{service}/endpoints")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
    responseCode = "default",
    description = "An RFC 7807 problem: see docs/api.md for the types",
    content =
        @Content(
            mediaType = "application/problem+json",
            schema = @Schema(implementation = Problem.class)))
@Tag(name = "endpoints")
public class EndpointController {
  private final RegistryService registry;
  private final StrictJson json;

  public EndpointController(RegistryService registry, StrictJson json) {
    this.registry = registry;
    this.json = json;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register an endpoint",
      description =
          "Idempotent: 201 when created, 200 when the same definition is already registered under"
              + " the same id (explicit, derived from clientToken, or from region+address+port),"
              + " 409 when that id holds a different definition.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EndpointRequest.class)))
  public HttpResponse<EndpointResponse> registerEndpoint(
      String service, @Body @Nullable String body, HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    EndpointRequest req = json.read(body, EndpointRequest.class, false);
    Endpoint candidate = ApiMapper.toEndpoint(name, req);
    RegistryService.Saved<Endpoint> saved =
        registry.register(candidate, Caller.of(request).identity());
    return withEtag(
            HttpResponse.<EndpointResponse>status(
                saved.created() ? HttpStatus.CREATED : HttpStatus.OK),
            saved.stored())
        .header(HttpHeaders.LOCATION, "/v1/services/" + name + "/endpoints/" + candidate.id());
  }

  @Get
  @Operation(
      summary = "List a service's endpoints",
      description = "Each with `drain` (progress of a drain in progress) or null.")
  public EndpointList listEndpoints(String service) {
    return new EndpointList(
        registry.listEndpointViews(ServiceName.of(service)).stream()
            .map(ApiMapper::toEndpointResponse)
            .toList());
  }

  @Get("/{id}")
  @Operation(
      summary = "Read one endpoint",
      description =
          "While a drain is in progress, `drain` shows its start, end, remaining fraction and the"
              + " effective weight and capacity the planner counts now; otherwise it is null.")
  public HttpResponse<EndpointResponse> getEndpoint(String service, String id) {
    return withEtag(
        HttpResponse.ok(), registry.getEndpointView(ServiceName.of(service), EndpointId.of(id)));
  }

  @Patch("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change an endpoint",
      description =
          "weight, capacity, state, healthPath, expectedStatus, bodyContains, hostHeader,"
              + " tlsVerify; absent fields are kept, an empty string clears bodyContains and"
              + " hostHeader. Any state ends a drain in progress: ACTIVE cancels it, DRAINING"
              + " skips the rest of the ramp. If-Match is honoured.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EndpointPatch.class)))
  public HttpResponse<EndpointResponse> patchEndpoint(
      String service,
      String id,
      @Body @Nullable String body,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
      HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    EndpointId endpointId = EndpointId.of(id);
    EndpointPatch patch = json.read(body, EndpointPatch.class, false);
    return withEtag(
        HttpResponse.ok(),
        registry.view(
            registry.updateEndpoint(
                name,
                endpointId,
                ApiMapper.patch(patch),
                ETags.parseIfMatch(ifMatch),
                Caller.of(request).identity())));
  }

  @Delete("/{id}")
  @Operation(summary = "Deregister an endpoint (and drop its health records)")
  public HttpResponse<Void> deleteEndpoint(
      String service,
      String id,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
      HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    EndpointId endpointId = EndpointId.of(id);
    registry.deleteEndpoint(
        name, endpointId, ETags.parseIfMatch(ifMatch), Caller.of(request).identity());
    return HttpResponse.noContent();
  }

  @Post("/{id}/drain")
  @Operation(
      summary = "Drain an endpoint",
      description =
          "Starts a drain: the endpoint stays ACTIVE while the planner ramps its weight and"
              + " capacity linearly to 0 over the service's drainSeconds (its region's share"
              + " falls, the other regions take it within their step caps); then it leaves the"
              + " records and the scheduler sets the state to DRAINING. 202 with `drain` while"
              + " the ramp is in progress (also when it already was: idempotent); 200 when the"
              + " endpoint is already DRAINING (or drainSeconds is 0, which drains at once); 409"
              + " for a DISABLED endpoint. A PATCH to state ACTIVE cancels a drain.")
  @ApiResponse(
      responseCode = "202",
      description = "Drain in progress: the weight ramps to 0, then the state becomes DRAINING",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EndpointResponse.class)))
  @ApiResponse(
      responseCode = "200",
      description = "The endpoint is DRAINING",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EndpointResponse.class)))
  public HttpResponse<EndpointResponse> drainEndpoint(
      String service, String id, HttpRequest<?> request) {
    ServiceName name = ServiceName.of(service);
    EndpointId endpointId = EndpointId.of(id);
    RegistryService.EndpointView view =
        registry.drain(name, endpointId, Caller.of(request).identity());
    boolean done = view.stored().value().state() == EndpointState.DRAINING;
    return withEtag(HttpResponse.status(done ? HttpStatus.OK : HttpStatus.ACCEPTED), view);
  }

  private static io.micronaut.http.MutableHttpResponse<EndpointResponse> withEtag(
      io.micronaut.http.MutableHttpResponse<EndpointResponse> r, Versioned<Endpoint> v) {
    return withEtag(r, new RegistryService.EndpointView(v, java.util.Optional.empty()));
  }

  private static io.micronaut.http.MutableHttpResponse<EndpointResponse> withEtag(
      io.micronaut.http.MutableHttpResponse<EndpointResponse> r, RegistryService.EndpointView v) {
    return r.header(HttpHeaders.ETAG, ETags.of(v.stored().version()))
        .body(ApiMapper.toEndpointResponse(v));
  }
}
