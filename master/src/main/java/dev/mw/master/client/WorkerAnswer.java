package dev.mw.master.client;

/** A worker's answer to {@code GET /api/records}; read by {@link WorkerAnswerReader}. */
public record WorkerAnswer(String group, String worker, RecordsJson records) {

    public WorkerAnswer {
        records = records == null ? RecordsJson.EMPTY : records;
    }
}
