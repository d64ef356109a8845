package org.linli.handoff;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port (MockMvc too), with the scripted dialogue engine and staff on
 * duty around the clock so that no reply depends on the hour: one Spring context shared by every
 * test class that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "linli.handoff.staffed-days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
      "linli.handoff.staffed-from=00:00",
      "linli.handoff.staffed-until=23:59:59.999999999"
    })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
@interface StaffedAroundTheClockTest {}
