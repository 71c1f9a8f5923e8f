# syntax=docker/dockerfile:1
# One image for every nightshift service; the service is chosen by the command:
#   docker run nightshift:local serve worker --bootstrap kafka:9092
# Stage 1 builds the runnable jar with Maven; stage 2 is a JRE with the jar, its libraries and a non-root user.
# The `validator` target adds what generated tests are built and run with (a JDK, Maven, Python, Node and
# bubblewrap): `docker build --target validator`.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# The whole reactor: Maven reads every module's pom even when building only app and what it needs.
COPY . .
# The Maven cache survives between builds (BuildKit); tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -ntp -DskipTests -Dmaven.test.skip.exec=true install -pl app -am \
 && mkdir -p /out/lib \
 && cp app/target/nightshift-app-*.jar /out/nightshift.jar \
 && cp app/target/lib/*.jar /out/lib/

FROM ${RUNTIME_IMAGE} AS runtime
LABEL org.opencontainers.image.title="nightshift" \
      org.opencontainers.image.description="Asynchronous batch processor for repository-wide LLM chores" \
      org.opencontainers.image.source="https://github.com/nightshift/nightshift"

# A fixed, unprivileged uid/gid, so Kubernetes' runAsNonRoot can verify it and volumes can be chowned to it.
RUN groupadd --system --gid 10001 nightshift \
 && useradd --system --uid 10001 --gid nightshift --home-dir /var/lib/nightshift --shell /usr/sbin/nologin nightshift \
 && mkdir -p /var/lib/nightshift/sink /var/lib/nightshift/repos /opt/nightshift \
 && chown -R nightshift:nightshift /var/lib/nightshift
# The folders exist in the image so that a fresh named volume mounted on them inherits the nightshift owner
# (Docker copies ownership from the image; a folder that does not exist would come up owned by root).

# The jar's manifest puts lib/*.jar on its class path, relative to the jar.
COPY --from=build /out/ /opt/nightshift/
RUN printf '#!/bin/sh\nexec java ${NIGHTSHIFT_OPTS:-} -jar /opt/nightshift/nightshift.jar "$@"\n' > /usr/local/bin/nightshift \
 && chmod 0755 /usr/local/bin/nightshift

# State (clone cache, the sink's RocksDB) lives under NIGHTSHIFT_HOME; mount a volume there or pass --data.
ENV NIGHTSHIFT_HOME=/var/lib/nightshift \
    NIGHTSHIFT_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
WORKDIR /var/lib/nightshift
USER 10001:10001

# 9400: /metrics, /health/live, /health/ready of every service (--metrics-port); 8480: the sink's query API.
EXPOSE 9400 8480
ENTRYPOINT ["nightshift"]
CMD ["--help"]

# The validator: the same jar on a JDK (javac, the JUnit launcher) with the toolchains of the repositories it
# validates and the sandbox the generated tests run in.
FROM ${MAVEN_IMAGE} AS validator
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap python3 python3-venv python3-pip nodejs npm \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 nightshift \
 && useradd --system --uid 10001 --gid nightshift --home-dir /var/lib/nightshift --shell /usr/sbin/nologin nightshift \
 && mkdir -p /var/lib/nightshift/validator /opt/nightshift \
 && chown -R nightshift:nightshift /var/lib/nightshift
COPY --from=build /out/ /opt/nightshift/
RUN printf '#!/bin/sh\nexec java ${NIGHTSHIFT_OPTS:-} -jar /opt/nightshift/nightshift.jar "$@"\n' > /usr/local/bin/nightshift \
 && chmod 0755 /usr/local/bin/nightshift
ENV NIGHTSHIFT_HOME=/var/lib/nightshift \
    NIGHTSHIFT_OPTS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
WORKDIR /var/lib/nightshift
USER 10001:10001
EXPOSE 9400
ENTRYPOINT ["nightshift"]
CMD ["serve", "validator"]

# The default target: every other service.
FROM runtime
