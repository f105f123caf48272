package io.tiersim.simulator.serving;

import java.util.Arrays;

/** A growable ring of ints: request queues without boxing. */
final class IntDeque {
  private int[] items = new int[64];
  private int head;
  private int size;

  void addLast(int v) {
    grow();
    items[(head + size) % items.length] = v;
    size++;
  }

  void addFirst(int v) {
    grow();
    head = (head - 1 + items.length) % items.length;
    items[head] = v;
    size++;
  }

  int peekFirst() {
    return items[head];
  }

  int pollFirst() {
    int v = items[head];
    head = (head + 1) % items.length;
    size--;
    return v;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  private void grow() {
    if (size < items.length) {
      return;
    }
    int[] bigger = new int[items.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = items[(head + i) % items.length];
    }
    items = bigger;
    head = 0;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(items, 0)) + " size " + size;
  }
}
