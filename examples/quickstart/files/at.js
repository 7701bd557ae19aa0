/* A stand-in for a custom AT.js build: aemconf uploads this file to the cloud service's
   public/at.js. Replace it with the AT.js you download from Adobe Target. */
