package dev.meridian.api;

import dev.meridian.api.dto.HealthResponse;
import dev.meridian.api.problem.ApiException;
import dev.meridian.api.problem.ProblemType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Unversioned operational routes: {@code /health} (no auth) and the OpenAPI document generated at
 * build time ({@code /openapi.yml}, also under {@code /v1/}; no auth).
 */
@Controller
public class SystemController {
  /** Where micronaut-openapi writes the document (title "meridian", version "v1"). */
  static final String OPENAPI_RESOURCE = "META-INF/swagger/meridian-v1.yml";

  public static final String YAML = "application/yaml";

  private final String openApi;

  public SystemController() {
    this.openApi = load(OPENAPI_RESOURCE);
  }

  @Get("/health")
  @Hidden
  public HealthResponse health() {
    return new HealthResponse("UP");
  }

  @Get(uris = {"/openapi.yml", "/v1/openapi.yml"})
  @Produces(YAML)
  @Hidden
  public String openApi() {
    if (openApi == null) {
      throw new ApiException(ProblemType.NOT_FOUND, "the OpenAPI document was not built", null);
    }
    return openApi;
  }

  private static String load(String resource) {
    try (InputStream in = SystemController.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
