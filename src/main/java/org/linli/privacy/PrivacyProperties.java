package org.linli.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for residents' personal data.
 *
 * @param dataKey base64 of at least 32 random bytes (env {@code LINLI_DATA_KEY}); when empty in
 *     embedded mode a key is generated once into the data directory
 * @param requireKey refuse to start without {@code dataKey} (on in the postgres profile, where
 *     several nodes must share one key)
 */
@ConfigurationProperties("linli.privacy")
public record PrivacyProperties(String dataKey, boolean requireKey) {}
