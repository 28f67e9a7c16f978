package org.medinstruct.llm;

/** A test-only builder of {@link LlmSettings}. */
final class Settings {
  String baseUrl;
  String apiKeyEnv = "MEDINSTRUCT_TEST_NO_SUCH_ENV";
  String apiKeyFile;
  boolean allowInsecureHttp;
  int rpm;
  int tpm;
  int maxInFlight = 16;
  int maxRetries = 3;
  int timeoutSeconds = 10;
  String cacheDir;
  boolean refreshCache;
  double maxCostUsd;
  String pricesFile;
  int workerCount = 1;
  Safeguards safeguards = Safeguards.defaults();
  String modelsFile;
  String apiVersion;
  LlmSettings.AuthHeader authHeader = LlmSettings.AuthHeader.BEARER;
  String deployments;
  String progressDir;

  static Settings at(String baseUrl) {
    Settings s = new Settings();
    s.baseUrl = baseUrl;
    return s;
  }

  Settings cacheDir(Object dir) {
    cacheDir = dir == null ? null : dir.toString();
    return this;
  }

  Settings maxRetries(int n) {
    maxRetries = n;
    return this;
  }

  Settings refresh() {
    refreshCache = true;
    return this;
  }

  Settings budget(double usd, String prices) {
    maxCostUsd = usd;
    pricesFile = prices;
    return this;
  }

  Settings keyFile(Object file) {
    apiKeyFile = file.toString();
    return this;
  }

  /** The run's progress directory, which also scopes the per-JVM state to the run. */
  Settings progressDir(Object dir) {
    progressDir = dir.toString();
    return this;
  }

  Settings safeguards(Safeguards s) {
    safeguards = s;
    return this;
  }

  Settings models(Object file) {
    modelsFile = file.toString();
    return this;
  }

  Settings azure(String version, String deploymentMap) {
    apiVersion = version;
    authHeader = LlmSettings.AuthHeader.API_KEY;
    deployments = deploymentMap;
    return this;
  }

  LlmSettings build() {
    return new LlmSettings(
        baseUrl,
        null,
        apiKeyEnv,
        apiKeyFile,
        allowInsecureHttp,
        rpm,
        tpm,
        maxInFlight,
        maxRetries,
        timeoutSeconds,
        cacheDir,
        refreshCache,
        maxCostUsd,
        pricesFile,
        workerCount,
        progressDir,
        StopSettings.defaults(false),
        safeguards,
        modelsFile,
        apiVersion,
        authHeader,
        deployments,
        null);
  }
}
