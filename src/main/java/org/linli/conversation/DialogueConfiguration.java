package org.linli.conversation;

import org.linli.dialog.DialogueEngine;
import org.linli.dialog.Messages;
import org.linli.dialog.RetrievalDialogueEngine;
import org.linli.knowledge.KnowledgeBase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DialogueConfiguration {

  @Bean
  DialogueEngine dialogueEngine(KnowledgeBase knowledgeBase) {
    return new RetrievalDialogueEngine(knowledgeBase, new Messages());
  }
}
