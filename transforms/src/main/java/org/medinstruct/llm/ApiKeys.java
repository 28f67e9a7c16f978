package org.medinstruct.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.medinstruct.model.UserInputException;

/** Resolves the API key on the worker and scrubs it from any text that could leave the client. */
final class ApiKeys {
  private static final Pattern OPENAI_LIKE = Pattern.compile("sk-[A-Za-z0-9_*\\-]{3,}");

  private ApiKeys() {}

  /**
   * From {@code apiKeyFile} (trimmed) if set, else the env variable {@code apiKeyEnv}; null if
   * none.
   */
  static String resolve(LlmSettings s) {
    if (s.apiKeyFile() != null && !s.apiKeyFile().isBlank()) {
      try {
        String key = Files.readString(Path.of(s.apiKeyFile()), StandardCharsets.UTF_8).trim();
        if (key.isEmpty()) {
          throw new UserInputException("API key file " + s.apiKeyFile() + " is empty");
        }
        return key;
      } catch (IOException e) {
        // The message names the file only, never its content.
        throw new UserInputException(
            "cannot read API key file " + s.apiKeyFile() + ": " + e.getClass().getSimpleName(), e);
      }
    }
    String env =
        s.apiKeyEnv() == null || s.apiKeyEnv().isBlank() ? "OPENAI_API_KEY" : s.apiKeyEnv();
    String key = System.getenv(env);
    return key == null || key.isBlank() ? null : key.trim();
  }

  /** Where the key comes from, for messages: "file <path>" or "env <NAME>" (never the key). */
  static String source(LlmSettings s) {
    if (s.apiKeyFile() != null && !s.apiKeyFile().isBlank()) {
      return "file " + s.apiKeyFile();
    }
    return "env "
        + (s.apiKeyEnv() == null || s.apiKeyEnv().isBlank() ? "OPENAI_API_KEY" : s.apiKeyEnv());
  }

  /** Replaces the key and anything shaped like an OpenAI key (servers echo partial keys). */
  static String redact(String text, String key) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (key != null && !key.isEmpty()) {
      out = out.replace(key, "[redacted]");
    }
    return OPENAI_LIKE.matcher(out).replaceAll("[redacted]");
  }
}
