package org.linli.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTimeout a resident known by phone or openid who writes again within this time
 *     continues the same conversation; after it, a new one starts
 */
@ConfigurationProperties("linli.conversation")
record ConversationProperties(@DefaultValue("PT12H") Duration idleTimeout) {}
