package org.linli.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimitsProperties.class)
class HttpLimitsConfiguration {

  /**
   * A number or a boolean where an API expects text is a client's mistake to be told about, not
   * text to store ({@code {"text": 12}} is refused, not read as "12").
   */
  @Bean
  JsonMapperBuilderCustomizer strictTextFields() {
    return builder ->
        builder.withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }

  /**
   * Last of all filters, after the cheap refusals (size, Twilio signatures): conversation turns wait
   * here, in order of arrival, when more are running than {@code linli.http.concurrent-turns}
   * (0 = no limit). The queue is published as {@code linli.turns.waiting} and {@code
   * linli.turns.running}.
   */
  @Bean
  @ConditionalOnExpression("${linli.http.concurrent-turns:10} != 0")
  FilterRegistrationBean<TurnAdmissionFilter> turnAdmissionFilter(
      @Value("${linli.http.concurrent-turns:10}") int limit, ObjectProvider<MeterRegistry> meters) {
    TurnAdmissionFilter filter = new TurnAdmissionFilter(limit);
    meters.ifAvailable(
        registry -> {
          Gauge.builder("linli.turns.waiting", filter, TurnAdmissionFilter::waiting)
              .description("Conversation turns waiting for their turn to run")
              .register(registry);
          Gauge.builder("linli.turns.running", filter, TurnAdmissionFilter::running)
              .description("Conversation turns running now")
              .register(registry);
        });
    FilterRegistrationBean<TurnAdmissionFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    registration.addUrlPatterns(TURN_PATHS);
    return registration;
  }

  /** Where residents' messages come in: each POST to these is one conversation turn. */
  static final String[] TURN_PATHS = {
    "/api/chat/messages", "/channels/twilio/sms", "/channels/twilio/voice/*", "/channels/wechat"
  };

  /** First of all filters: before security, before anything reads the body. */
  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(HttpLimitsProperties limits) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
