package org.medinstruct.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.medinstruct.model.StrictUtf8;
import org.medinstruct.model.UserInputException;

/** Reading prompt templates (classpath or file, strict UTF-8) and hashing them. */
public final class PromptTexts {
  private PromptTexts() {}

  static String resource(String name) {
    try (InputStream in = PromptTexts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return decode(in.readAllBytes(), "classpath:" + name);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read classpath resource " + name, e);
    }
  }

  /** A prompt file's text, exactly as written; bad files raise UserInputException naming them. */
  public static String file(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UserInputException(path + ": prompt template file not found");
    } catch (IOException e) {
      throw new UserInputException(path + ": cannot read prompt template: " + e.getMessage(), e);
    }
    String text = decode(bytes, path.toString());
    if (text.isBlank()) {
      throw new UserInputException(path + ": prompt template is empty");
    }
    return text;
  }

  static String decode(byte[] bytes, String name) {
    try {
      return StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new UserInputException(name + ": not valid UTF-8", e);
    }
  }

  /** First 12 hex digits of the SHA-256 of the UTF-8 text. */
  static String shortSha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
