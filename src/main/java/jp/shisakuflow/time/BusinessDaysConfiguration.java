package jp.shisakuflow.time;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The city's {@link BusinessDays}, from {@code shisaku.calendar.holidays-file} (by default the holidays file
 * shipped under {@code processes/calendar/}): operators update the holidays without a new build.
 */
@Configuration(proxyBeanMethods = false)
class BusinessDaysConfiguration {

  @Bean
  BusinessDays businessDays(
      @Value("${shisaku.calendar.holidays-file:classpath:" + BusinessDays.DEFAULT_FILE + "}") Resource file) {
    try (InputStream in = file.getInputStream()) {
      return BusinessDays.read(in, file.getDescription());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the holidays file " + file.getDescription(), e);
    }
  }
}
