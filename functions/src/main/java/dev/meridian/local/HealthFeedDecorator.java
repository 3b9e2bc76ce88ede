package dev.meridian.local;

import dev.meridian.core.port.HealthStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * In local mode, wraps the application's {@link HealthStore} so that every health write also goes
 * to the {@link HealthChangeFeed} the aggregator loop drains (the stand-in for DynamoDB Streams).
 * Every user of the port — the probes writing, the status and planning services reading — gets the
 * same decorated instance.
 */
@Singleton
@Requires(property = "meridian.mode", value = "local")
@Requires(beans = HealthChangeFeed.class)
public final class HealthFeedDecorator implements BeanCreatedEventListener<HealthStore> {
  private final HealthChangeFeed feed;

  public HealthFeedDecorator(HealthChangeFeed feed) {
    this.feed = feed;
  }

  @Override
  public HealthStore onCreated(BeanCreatedEvent<HealthStore> event) {
    HealthStore store = event.getBean();
    return store instanceof FeedingHealthStore ? store : new FeedingHealthStore(store, feed);
  }
}
