namespace Explorer.Storage;
