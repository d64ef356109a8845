package org.linli.kiosk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real application on a random port and one headless Chromium per test class. Classes that
 * extend this share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KioskTestBase {

  @LocalServerPort int port;

  KioskBrowser kiosk;

  @BeforeAll
  void startBrowser() {
    kiosk = new KioskBrowser(port);
  }

  @AfterAll
  void stopBrowser() {
    if (kiosk != null) {
      kiosk.close();
    }
  }

  @BeforeEach
  void freshKiosk() {
    kiosk.open();
    kiosk.js("sessionStorage.clear(); localStorage.clear();");
    kiosk.open();
  }
}
