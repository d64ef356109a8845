package org.linli.conversation;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

// MockMvc is not used here: it puts this class in the Spring context most test classes share
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class H2ConversationPersistenceTest extends ConversationPersistenceContract {}
