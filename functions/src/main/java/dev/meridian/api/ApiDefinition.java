package dev.meridian.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The OpenAPI document's header; micronaut-openapi generates the rest from the controllers. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "meridian",
            version = "v1",
            description =
                "Meridian registration and control API. Errors are RFC 7807"
                    + " application/problem+json. On AWS requests are SigV4-signed (IAM"
                    + " authorization); locally they carry the bearer token of the token file."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
final class ApiDefinition {
  private ApiDefinition() {}
}
