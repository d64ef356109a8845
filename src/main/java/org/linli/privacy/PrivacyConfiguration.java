package org.linli.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);
  private static final String KEY_FILE = "data.key";

  @Bean
  PersonalData personalData(PrivacyProperties properties, @Value("${linli.data-dir}") Path dataDir) {
    return new PersonalData(masterKey(properties, dataDir));
  }

  static byte[] masterKey(PrivacyProperties properties, Path dataDir) {
    String configured = properties.dataKey();
    if (configured != null && !configured.isBlank()) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(configured.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("LINLI_DATA_KEY is not valid base64", e);
      }
      if (key.length < 32) {
        throw new IllegalStateException(
            "LINLI_DATA_KEY must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`)");
      }
      return key;
    }
    if (properties.requireKey()) {
      throw new IllegalStateException(
          "LINLI_DATA_KEY is not set. Every node must use the same key to read residents' personal"
              + " data: set it to base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
    }
    return keyFromDataDir(dataDir);
  }

  /** Embedded mode: one key per data directory, generated on first start, readable by us only. */
  private static byte[] keyFromDataDir(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).strip());
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = Files.createTempFile(dataDir, "data", ".key");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the data directory's own permissions apply
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      log.info("event=data_key_generated file={} note=\"set LINLI_DATA_KEY in production\"", file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the data key in " + dataDir, e);
    }
  }
}
