{{/* Chart name, overridable. */}}
{{- define "nightshift.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name prefix of every resource. */}}
{{- define "nightshift.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "nightshift.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "nightshift.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels shared by every resource. */}}
{{- define "nightshift.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "nightshift.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: nightshift
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "worker"). */}}
{{- define "nightshift.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nightshift.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "nightshift.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Kafka's address; empty fails the render with what to set. */}}
{{- define "nightshift.kafka" -}}
{{- required "kafka.bootstrapServers is empty: set it to your Kafka's bootstrap servers, e.g. --set kafka.bootstrapServers=my-kafka.kafka:9092" .Values.kafka.bootstrapServers -}}
{{- end -}}

{{/* The Secret holding the sink API's bearer token: the one given, or the one the chart generates. */}}
{{- define "nightshift.apiTokenSecret" -}}
{{- default (printf "%s-api-token" (include "nightshift.fullname" .)) .Values.sink.apiTokenSecret -}}
{{- end -}}

{{- define "nightshift.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "nightshift.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The container of one service; call with (dict "root" $ "component" "worker" "values" .Values.worker "data" "/path" "keys" true).
Every service: serve <component> against .Values.kafka, config from the ConfigMap, metrics and health on metrics.port.
*/}}
{{- define "nightshift.container" -}}
{{- $root := .root -}}
- name: {{ .component }}
  image: {{ default (include "nightshift.image" $root) .image | quote }}
  imagePullPolicy: {{ $root.Values.image.pullPolicy }}
  args:
    - serve
    - {{ .component }}
    - --bootstrap
    - {{ include "nightshift.kafka" $root | quote }}
    - --config
    - /etc/nightshift/nightshift.yaml
    - --metrics-port
    - {{ $root.Values.metrics.port | quote }}
    {{- with .data }}
    - --data
    - {{ . }}
    {{- end }}
    {{- if and (eq .component "sink") $root.Values.sink.insecureNoAuth }}
    - --no-auth
    {{- end }}
  env:
    - name: NIGHTSHIFT_HOME
      value: /var/lib/nightshift
    - name: NIGHTSHIFT_OPTS
      value: {{ $root.Values.javaOpts | quote }}
    {{- if .keys }}
    {{- range $env, $key := $root.Values.providerKeys.keys }}
    - name: {{ $env }}
      valueFrom:
        secretKeyRef:
          name: {{ required "providerKeys.existingSecret is required: the Secret holding your provider API keys" $root.Values.providerKeys.existingSecret }}
          key: {{ $key }}
          optional: true
    {{- end }}
    {{- end }}
    {{- if and (eq .component "sink") (not $root.Values.sink.insecureNoAuth) }}
    - name: NIGHTSHIFT_API_TOKEN
      valueFrom:
        secretKeyRef:
          name: {{ include "nightshift.apiTokenSecret" $root }}
          key: NIGHTSHIFT_API_TOKEN
    {{- end }}
    {{- with $root.Values.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  ports:
    - name: metrics
      containerPort: {{ $root.Values.metrics.port }}
      protocol: TCP
    {{- if eq .component "sink" }}
    - name: api
      containerPort: {{ $root.Values.sink.apiPort }}
      protocol: TCP
    {{- end }}
  startupProbe:
    httpGet:
      path: /health/live
      port: metrics
    periodSeconds: {{ $root.Values.probes.periodSeconds }}
    failureThreshold: {{ $root.Values.probes.startupFailureThreshold }}
  livenessProbe:
    httpGet:
      path: /health/live
      port: metrics
    periodSeconds: {{ $root.Values.probes.periodSeconds }}
    failureThreshold: {{ $root.Values.probes.failureThreshold }}
  readinessProbe:
    httpGet:
      path: /health/ready
      port: metrics
    periodSeconds: {{ $root.Values.probes.periodSeconds }}
    failureThreshold: {{ $root.Values.probes.failureThreshold }}
  resources:
    {{- toYaml .values.resources | nindent 4 }}
  securityContext:
    {{- toYaml (default $root.Values.securityContext .securityContext) | nindent 4 }}
  volumeMounts:
    - name: config
      mountPath: /etc/nightshift
      readOnly: true
    - name: tmp
      mountPath: /tmp
    - name: home
      mountPath: /var/lib/nightshift
    {{- if eq .component "sink" }}
    - name: data
      mountPath: /var/lib/nightshift/sink
    {{- end }}
{{- end -}}

{{/* Pod-level settings shared by every component; call with (dict "root" $ "values" .Values.worker). */}}
{{- define "nightshift.podSpec" -}}
serviceAccountName: {{ include "nightshift.serviceAccountName" .root }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Volumes every pod has: the config, a writable /tmp (RocksDB unpacks its JNI library there) and NIGHTSHIFT_HOME. */}}
{{- define "nightshift.volumes" -}}
- name: config
  configMap:
    name: {{ include "nightshift.fullname" .root }}-config
- name: tmp
  emptyDir:
    sizeLimit: 1Gi
- name: home
  emptyDir:
    {{- with .cacheSizeLimit }}
    sizeLimit: {{ . }}
    {{- else }}
    sizeLimit: 1Gi
    {{- end }}
{{- end -}}
