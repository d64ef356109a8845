package org.linli.knowledgebase;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the policy documents come from.
 *
 * @param dir a folder of policy documents (env {@code LINLI_KNOWLEDGE_DIR}); empty means the demo
 *     knowledge base bundled with the application
 * @param watch reload when files in {@code dir} change
 */
@ConfigurationProperties("linli.knowledge")
public record KnowledgeProperties(String dir, boolean watch) {}
