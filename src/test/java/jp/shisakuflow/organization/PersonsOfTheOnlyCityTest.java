package jp.shisakuflow.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade of a one-city deployment's people ({@link Cities#personsOfTheOnlyCity}): a user of no city becomes the
 * only city's person; the city's persons, themselves or through a group, stay as they are; with two cities nobody is
 * guessed into one. An engine of its own (not "default"), without Spring.
 */
class PersonsOfTheOnlyCityTest {

  private ProcessEngine engine;
  private IdentityService identity;

  @BeforeEach
  void anEngineWithOneCity() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("persons-of-the-only-city");
    configuration.setJdbcUrl("jdbc:h2:mem:persons-of-the-only-city-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    configuration.setJobExecutorActivate(false);
    engine = configuration.buildProcessEngine();
    identity = engine.getIdentityService();
    identity.saveTenant(identity.newTenant("kawasaki"));
    identity.saveGroup(identity.newGroup("takatsu"));
    identity.createTenantGroupMembership("kawasaki", "takatsu");
    user("member");
    identity.createTenantUserMembership("kawasaki", "member");
    user("wardStaff");
    identity.createMembership("wardStaff", "takatsu");
    user("ofNoCity");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aUserOfNoCityBecomesTheOnlyCitysPersonOnce() {
    assertThat(Cities.personsOfTheOnlyCity(identity)).isOne();
    assertThat(Cities.of(identity, "ofNoCity")).containsExactly("kawasaki");
    assertThat(identity.createTenantQuery().userMember("wardStaff").count())
        .as("a person through the city's group is not made a member as well").isZero();
    assertThat(Cities.of(identity, "wardStaff")).containsExactly("kawasaki");
    assertThat(Cities.personsOfTheOnlyCity(identity)).as("the next start").isZero();
  }

  @Test
  void withTwoCitiesNobodyIsGuessedIntoOne() {
    identity.saveTenant(identity.newTenant("wakaba"));
    assertThat(Cities.personsOfTheOnlyCity(identity)).isZero();
    assertThat(Cities.of(identity, "ofNoCity")).isEmpty();
  }

  private void user(String id) {
    var user = identity.newUser(id);
    user.setPassword("Kw4!nd-Sf#2026x");
    identity.saveUser(user);
  }
}
