package org.linli.channels.twilio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.RestController;

/** A Twilio webhook controller: registered only when {@code TWILIO_AUTH_TOKEN} is set. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@Conditional(TwilioConditions.Inbound.class)
@interface TwilioInbound {}
