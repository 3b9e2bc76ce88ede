package dev.meridian.aws;

import dev.meridian.aws.dynamodb.TableNames;
import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code meridian.tables.*}: the table name prefix (default {@code meridian-}). */
@ConfigurationProperties("meridian.tables")
public class TablesConfiguration {
  private String prefix = TableNames.DEFAULT_PREFIX;

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public TableNames tableNames() {
    return TableNames.withPrefix(prefix);
  }
}
