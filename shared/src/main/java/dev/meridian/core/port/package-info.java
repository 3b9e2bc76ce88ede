/**
 * Ports: what the decision core and the application services need from the outside world, in domain
 * words. Adapters (DynamoDB, Route 53, the embedded DNS server, in-memory fakes) implement them and
 * translate their own errors into the exceptions of this package, keeping the cause.
 */
package dev.meridian.core.port;
