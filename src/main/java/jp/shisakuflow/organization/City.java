package jp.shisakuflow.organization;

import java.util.Arrays;
import java.util.Optional;

/**
 * The cities the application ships with, each a Camunda tenant (its id is the tenant's): the seed's city, where
 * work with no city of its own goes, and a second, smaller demo city without wards. Further cities are tenants
 * created in Admin (docs/operations.md, Cities).
 */
public enum City {
  KAWASAKI("kawasaki", "川崎市", "Kawasaki City", false),
  WAKABA("wakaba", "若葉市", "Wakaba City", true);

  /** The city of work that names none: the one city of a single-city deployment. */
  public static final City SEED = KAWASAKI;

  private final String tenantId;
  private final String nameJa;
  private final String nameEn;
  private final boolean demoOnly;

  City(String tenantId, String nameJa, String nameEn, boolean demoOnly) {
    this.tenantId = tenantId;
    this.nameJa = nameJa;
    this.nameEn = nameEn;
    this.demoOnly = demoOnly;
  }

  public String tenantId() {
    return tenantId;
  }

  public String nameJa() {
    return nameJa;
  }

  public String nameEn() {
    return nameEn;
  }

  /** Created by the demo profile only; a production deployment creates its further cities in Admin. */
  public boolean demoOnly() {
    return demoOnly;
  }

  public static Optional<City> fromTenantId(String tenantId) {
    return Arrays.stream(values()).filter(c -> c.tenantId.equals(tenantId)).findFirst();
  }
}
