/**
 * In-memory fakes of every port of {@code dev.meridian.core.port}, for service-level tests (shipped
 * in the functions test-jar). Each fake honours the same semantics as its DynamoDB / Route 53
 * adapter, checked by the shared contract suites in {@code dev.meridian.contract}, is thread safe,
 * and offers failure injection ({@link dev.meridian.testing.fakes.FaultInjection}).
 */
package dev.meridian.testing.fakes;
