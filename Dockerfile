# Tau gateway image: build with Maven on JDK 25, run on a JDK 25 runtime as a non-root user.
#   docker build -t tau .
#   docker run -p 8080:8080 -e TAU_GATEWAY_OPENRESPONSES_AUTH_TOKEN=... -e OPENAI_API_KEY=... tau

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
COPY core core
COPY testkit testkit
COPY llm llm
COPY store store
COPY agent agent
COPY gateway gateway
COPY cli cli
COPY bench bench
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true -pl cli -am package

FROM eclipse-temurin:25-jre
RUN groupadd --system tau && useradd --system --gid tau --home-dir /data --create-home tau
WORKDIR /app
COPY --from=build /src/cli/target/tau-cli.jar cli/target/tau-cli.jar
COPY --from=build /src/cli/target/lib cli/target/lib
COPY bin/tau bin/tau
# The image is built once: never rebuild at start; the JRE lives at /opt/java/openjdk.
ENV TAU_SKIP_BUILD=1 \
    TAU_JAVA_HOME=/opt/java/openjdk \
    XDG_CACHE_HOME=/data/.cache \
    TAU_TRANSPORT_MODE=gateway \
    TAU_GATEWAY_OPENRESPONSES_BIND=0.0.0.0:8080 \
    TAU_GATEWAY_OPENRESPONSES_AUTH_MODE=token \
    TAU_GATEWAY_STATE_DIR=/data/.tau/gateway \
    TAU_SESSION_DB_URL=sqlite:///data/.tau/sessions.db
USER tau
WORKDIR /data
EXPOSE 8080
# token mode refuses to start without TAU_GATEWAY_OPENRESPONSES_AUTH_TOKEN: set it as a secret
ENTRYPOINT ["/app/bin/tau"]
