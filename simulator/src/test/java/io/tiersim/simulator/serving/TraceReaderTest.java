package io.tiersim.simulator.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.ArrivalConfig.TraceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TraceReaderTest {
  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  InputException fail(Path f) {
    InputException e = catchThrowableOfType(InputException.class, () -> TraceReader.read(f, TraceFormat.AUTO));
    assertThat(e).as("expected an InputException").isNotNull();
    assertThat(e.file()).isEqualTo(f.toString());
    return e;
  }

  @Test
  void csv_withTimes_reads() throws IOException {
    TraceReader.Trace t = TraceReader.read(write("t.csv", "arrival_s,prompt_tokens,output_tokens\n0,100,10\n0.5,200,20\n"),
        TraceFormat.AUTO);
    assertThat(t.arrivalS()).containsExactly(0, 0.5);
    assertThat(t.prompt()).containsExactly(100, 200);
    assertThat(t.output()).containsExactly(10, 20);
  }

  @Test
  void csv_badValue_namesLineAndField() throws IOException {
    InputException e = fail(write("t.csv", "prompt_tokens,output_tokens\n100,10\n100,ten\n"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("output_tokens");
    assertThat(e.getMessage()).contains("expected a positive integer, got 'ten'");
  }

  @Test
  void csv_unknownColumn_andTimesGoingBack_areRefused() throws IOException {
    assertThat(fail(write("a.csv", "prompt_tokens,output,output_tokens\n1,2,3\n")).field()).isEqualTo("output");
    InputException e = fail(write("b.csv", "arrival_s,prompt_tokens,output_tokens\n2,1,1\n1,1,1\n"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).contains("increasing");
  }

  @Test
  void jsonRecords_andShareGpt_read() throws IOException {
    TraceReader.Trace r = TraceReader.read(write("r.json",
        "[{\"arrival_s\": 0, \"prompt_tokens\": 5, \"output_tokens\": 6},\n {\"arrival_s\": 1, \"prompt_tokens\": 7, \"output_tokens\": 8}]"),
        TraceFormat.AUTO);
    assertThat(r.prompt()).containsExactly(5, 7);
    TraceReader.Trace s = TraceReader.read(write("s.json", "[{\"id\": \"a\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"12345678\"}, {\"from\": \"gpt\", \"value\": \"1234\"}]},"
        + "{\"id\": \"b\", \"conversations\": [{\"from\": \"human\", \"value\": \"only one turn\"}]}]"), TraceFormat.AUTO);
    assertThat(s.arrivalS()).isNull();
    assertThat(s.prompt()).containsExactly(2);
    assertThat(s.output()).containsExactly(1);
  }

  @Test
  void malformedJson_givesTheLine_andEmptyTrace_isRefused() throws IOException {
    InputException e = fail(write("m.json", "[\n{\"prompt_tokens\": 5, \"output_tokens\": 6},\n{\"prompt_tokens\": 5,,}\n]"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).startsWith("malformed JSON");
    assertThat(fail(write("e.json", "[]")).problem()).contains("no requests");
    assertThat(fail(write("o.json", "{\"prompt_tokens\": 1}")).problem()).contains("expected a JSON list");
    assertThat(fail(dir.resolve("missing.csv")).problem()).contains("not found");
  }
}
