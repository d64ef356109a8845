package org.linli.knowledge.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/**
 * First stage of every Linli analyzer: traditional to simplified, full-width to half-width, one
 * character for one, so offsets need no correction.
 */
public final class ResidentCharFilter extends CharFilter {

  public ResidentCharFilter(Reader in) {
    super(in);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    int n = input.read(cbuf, off, len);
    for (int i = off; i < off + Math.max(n, 0); i++) {
      cbuf[i] = CharFolding.fold(cbuf[i]);
    }
    return n;
  }

  @Override
  protected int correct(int currentOff) {
    return currentOff;
  }
}
