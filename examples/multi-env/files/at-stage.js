/* Stage's custom AT.js build (a stand-in; replace with the file from Adobe Target). */
