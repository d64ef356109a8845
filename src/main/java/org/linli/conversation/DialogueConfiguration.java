package org.linli.conversation;

import org.linli.dialog.DialogueEngine;
import org.linli.dialog.Messages;
import org.linli.dialog.PolicyDialogueEngine;
import org.linli.dialog.nlu.Nlu;
import org.linli.knowledge.KnowledgeBase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DialogueConfiguration {

  /** Models load once (the intent model trains from the bundled data on first use). */
  @Bean
  Nlu nlu() {
    return new Nlu();
  }

  @Bean
  DialogueEngine dialogueEngine(KnowledgeBase knowledgeBase, Nlu nlu) {
    return new PolicyDialogueEngine(knowledgeBase, nlu, new Messages());
  }
}
