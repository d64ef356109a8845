package org.linli.privacy;

/**
 * Values a module still holds in clear from before their column was encrypted at rest. Every bean
 * of this type is sealed once the server is up ({@link ClearValuesSealing}); until then the module
 * reads the clear values as they are, so nothing depends on when sealing finishes.
 */
public interface ClearValues {

  /** The name in the log events {@code event=<name>_encrypted} and {@code <name>_encrypt_failed}. */
  String name();

  /** Seals what is still in clear; returns how many rows were sealed. */
  int seal();
}
