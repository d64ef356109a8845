package org.linli.handoff;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Orders without a conversation on the embedded H2 database. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(HandoffTestSupport.class)
class H2OrdersWithoutAConversationTest extends OrdersWithoutAConversationContract {}
